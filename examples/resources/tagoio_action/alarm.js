const { Analysis } = require("@tago-io/sdk");

Analysis.use(async (context, scope) => {
  context.log("Boiler overheat:", JSON.stringify(scope));
});
