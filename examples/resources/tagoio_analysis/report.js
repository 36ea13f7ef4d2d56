const { Analysis, Utils } = require("@tago-io/sdk");

Analysis.use(async (context) => {
  const env = Utils.envToJson(context.environment);
  context.log(`Sending the battery report to ${env.REPORT_EMAIL}`);
});
