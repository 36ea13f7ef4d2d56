# Every profile has one TagoRUN: creating this resource adopts it and applies these settings;
# destroying it only removes it from the state. Settings not set here are left as they are.
resource "tagoio_run" "portal" {
  name           = "Fleet portal"
  sub_title      = "Machine management"
  auth_token_ttl = "12 hours"

  # Only these theme options and templates are managed; the others keep their values.
  theme = {
    primary       = "hsl(229, 100%, 23%)"
    navbar        = "hsl(229, 100%, 23%)"
    buttonPrimary = "hsl(229, 100%, 23%)"
  }
  email_templates = {
    welcome_actived = {
      subject = "Welcome to the Fleet portal"
      value   = "### Hi $name$.\n\nYour account is ready."
    }
  }

  security = { otp = { authenticator = true, sms = false, email = true } }

  sidebar_buttons = [
    { text = "Home", href = "/", color = "grey", icon_url = "https://svg.internal.tago.io/home.svg" },
    { text = "Users", href = "users", is_in_new_line = true },
  ]
  signin_buttons = [{ label = "Help", url = "https://help.example.com" }]

  # Extra fields of the sign-up form, in order.
  signup_fields = [
    { name = "company", placeholder = "Your company", type = "text", required = true },
    { name = "fleet_size", type = "number" },
  ]
}
