data "tagoio_account" "current" {}

output "profile" {
  value = "${data.tagoio_account.current.profile_name} (${data.tagoio_account.current.profile_id})"
}
