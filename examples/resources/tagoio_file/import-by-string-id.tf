import {
  to = tagoio_file.theme
  id = "/branding/theme.css"
}
