# Whether a file uploaded by someone else is public, and its size.
data "tagoio_file" "manual" {
  path = "/docs/manual.pdf"
}

output "manual_is_public" {
  value = data.tagoio_file.manual.public
}
