package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
	"github.com/tago-io/terraform-provider-tagoio/internal/provider/validate"
)

var (
	_ resource.ResourceWithConfigure   = &runCustomDomainResource{}
	_ resource.ResourceWithImportState = &runCustomDomainResource{}
)

const runCustomDomainKind = "TagoRUN custom domain"

// A custom domain's domain has at least two labels (example.com); its subdomain is one label.
var (
	domainNamePattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)
	dnsLabelPattern   = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)
)

// runDNSRecordAttrTypes is one DNS record the custom domain needs.
var runDNSRecordAttrTypes = map[string]attr.Type{
	"status": types.BoolType, "type": types.StringType, "key": types.StringType, "value": types.StringType, "current_value": types.StringType,
}

// NewRunCustomDomainResource is the tagoio_run_custom_domain resource.
func NewRunCustomDomainResource() resource.Resource { return &runCustomDomainResource{} }

type runCustomDomainResource struct {
	client *client.Client
}

// runCustomDomainFields are read from GET /run/customdomain/{profileID}.
type runCustomDomainFields struct {
	ID        types.String `tfsdk:"id"`
	Domain    types.String `tfsdk:"domain"`
	Subdomain types.String `tfsdk:"subdomain"`
	Email     types.String `tfsdk:"email"`
	Active    types.Bool   `tfsdk:"active"`
	DNSSSL    types.Object `tfsdk:"dns_ssl"`
	DNSPage   types.Object `tfsdk:"dns_page"`
	DNSEmail1 types.Object `tfsdk:"dns_email_1"`
	DNSEmail2 types.Object `tfsdk:"dns_email_2"`
	DNSEmail3 types.Object `tfsdk:"dns_email_3"`
	CreatedAt types.String `tfsdk:"created_at"`
}

type runCustomDomainModel struct {
	runCustomDomainFields
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (r *runCustomDomainResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_run_custom_domain"
}

func (r *runCustomDomainResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	record := func(desc string) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{
			MarkdownDescription: desc + " Create it at the DNS provider (for example with a DNS provider's Terraform resource).",
			Computed:            true,
			PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
			Attributes: map[string]schema.Attribute{
				"status": schema.BoolAttribute{MarkdownDescription: "Whether TagoIO found the record with this value.", Computed: true},
				"type":   schema.StringAttribute{MarkdownDescription: "Record type, such as `CNAME` or `TXT`.", Computed: true},
				"key":    schema.StringAttribute{MarkdownDescription: "Record name.", Computed: true},
				"value":  schema.StringAttribute{MarkdownDescription: "Value the record must have.", Computed: true},
				"current_value": schema.StringAttribute{
					MarkdownDescription: "Value the DNS provider has under `key`, when it has one.", Computed: true,
				},
			},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The custom domain of the profile's TagoRUN, such as `portal.example.com` (a TagoIO add-on). A profile has at " +
			"most one; TagoIO cannot edit it, so any change replaces it. TagoIO answers with the DNS records to create at the DNS " +
			"provider; `active` turns true once it finds all of them (a refresh shows it).\n\n" +
			"The ID, and the import ID, is the ID of the profile the provider's token belongs to.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("ID of the profile whose TagoRUN has this domain."),
			"domain": schema.StringAttribute{
				MarkdownDescription: "Domain, such as `example.com` for `portal.example.com`: a lowercase domain name. Changing it replaces the custom domain.",
				Required:            true,
				PlanModifiers:       replace,
				Validators:          []validator.String{stringvalidator.RegexMatches(domainNamePattern, "must be a lowercase domain name such as example.com")},
			},
			"subdomain": schema.StringAttribute{
				MarkdownDescription: "Subdomain, such as `portal` for `portal.example.com`: one lowercase DNS label. Changing it replaces the custom domain.",
				Required:            true,
				PlanModifiers:       replace,
				Validators:          []validator.String{stringvalidator.RegexMatches(dnsLabelPattern, "must be one lowercase DNS label such as portal")},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "Domain the TagoRUN e-mails are sent from: the custom domain itself (`portal.example.com`) or its " +
					"domain (`example.com`). Changing it replaces the custom domain.",
				Required:      true,
				PlanModifiers: replace,
				Validators:    []validator.String{stringvalidator.RegexMatches(domainNamePattern, "must be a lowercase domain name such as example.com")},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the custom domain is active: true once TagoIO found every DNS record.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"dns_ssl":     record("DNS record for the SSL certificate."),
			"dns_page":    record("DNS record for the TagoRUN page."),
			"dns_email_1": record("First DNS record for the e-mails."),
			"dns_email_2": record("Second DNS record for the e-mails."),
			"dns_email_3": record("Third DNS record for the e-mails."),
			"created_at":  keptComputedString("When the custom domain was set."),
		},
		Blocks: timeoutsBlocks(ctx),
	}
}

func (r *runCustomDomainResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *runCustomDomainResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createThenRead(ctx, req, resp, runCustomDomainKind, func(ctx context.Context, plan *runCustomDomainModel, _ *diag.Diagnostics) (string, error) {
		profile, err := r.client.Account.CurrentProfile(ctx)
		if err != nil {
			return "", err
		}
		plan.ID = types.StringValue(profile.ID) // the custom domain's id is its profile's
		return profile.ID, r.client.RunCustomDomain.Create(ctx, profile.ID, client.RunCustomDomainCreate{
			Domain: plan.Domain.ValueString(), Subdomain: plan.Subdomain.ValueString(), Email: plan.Email.ValueString(),
		})
	}, r.readBack())
}

func (r *runCustomDomainResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readOrRemove(ctx, req, resp, runCustomDomainKind, r.readBack())
}

// Update only changes the timeouts: every setting of the custom domain forces a replacement.
func (r *runCustomDomainResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan runCustomDomainModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *runCustomDomainResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteUnlessGone(ctx, req, resp, runCustomDomainKind, r.client.RunCustomDomain.Delete)
}

// ImportState takes the ID of the profile the provider's token belongs to.
func (r *runCustomDomainResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !validate.IsObjectID(req.ID) {
		addImportIDError(&resp.Diagnostics, runCustomDomainKind,
			"the ID of the profile the provider's token belongs to (24 lowercase hexadecimal characters)", req.ID)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// readBack is the custom domain's one GET, shared by Create and Read.
func (r *runCustomDomainResource) readBack() readBackFunc[runCustomDomainModel] {
	return getThen(r.client.RunCustomDomain.Get, (*runCustomDomainModel).fromAPI)
}

// fromAPI maps the custom domain; Create, Read and import use it. The id stays the profile's.
func (m *runCustomDomainFields) fromAPI(d *client.RunCustomDomain) {
	m.Domain = types.StringValue(d.Domain)
	m.Subdomain = types.StringValue(d.Subdomain)
	m.Email = types.StringValue(d.Email)
	m.Active = types.BoolValue(d.Active)
	m.DNSSSL = dnsRecordFromAPI(d.DNSSSL)
	m.DNSPage = dnsRecordFromAPI(d.DNSPage)
	m.DNSEmail1 = dnsRecordFromAPI(d.DNSEmail1)
	m.DNSEmail2 = dnsRecordFromAPI(d.DNSEmail2)
	m.DNSEmail3 = dnsRecordFromAPI(d.DNSEmail3)
	m.CreatedAt = stringOrNull(&d.CreatedAt)
}

func dnsRecordFromAPI(r client.RunCustomDomainDNSRecord) types.Object {
	return types.ObjectValueMust(runDNSRecordAttrTypes, map[string]attr.Value{
		"status": types.BoolValue(r.Status), "type": types.StringValue(r.Type), "key": types.StringValue(r.Key),
		"value": types.StringValue(r.Value), "current_value": stringOrNull(r.CurrentValue),
	})
}
