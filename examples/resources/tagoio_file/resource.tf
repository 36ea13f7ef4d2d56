# A style sheet kept in the repository next to the configuration. Editing theme.css plans a
# replacement that uploads it again; anyone with the URL may read it.
resource "tagoio_file" "theme" {
  path   = "/branding/theme.css"
  source = "${path.module}/files/theme.css"
  public = true
}

# A small text file written from the configuration itself; private (reading it needs a token).
resource "tagoio_file" "thresholds" {
  path = "/config/thresholds.json"
  content = jsonencode({
    temperature = { min = 2, max = 8 }
  })
}

output "theme_url" {
  value = tagoio_file.theme.url
}
