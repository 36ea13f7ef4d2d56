# A file is imported by its path. Its content stays as TagoIO has it until source, content or
# content_base64 is set, which then uploads that content (a replacement).
terraform import tagoio_file.theme /branding/theme.css
