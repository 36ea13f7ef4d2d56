# Credentials come from the environment in CI: TAGOIO_TOKEN, and TAGOIO_REGION or TAGOIO_API.
provider "tagoio" {
  region = "us-e1" # or "eu-w1"
}

# A TagoDeploy instance, or the tagoio-emulator on your machine:
# provider "tagoio" {
#   api_url = "http://127.0.0.1:8080"
# }
