# A dictionary's texts, found by the slug expressions use.
data "tagoio_dictionary" "plant" {
  slug = "PLANT"
}

output "plant_title_in_portuguese" {
  value = data.tagoio_dictionary.plant.languages["pt-BR"].expressions["TITLE"]
}
