# Widgets and TagoRUN texts written as #PLANT.TITLE# show "Plant" or "Planta" by the user's
# language, and English for any other language.
resource "tagoio_dictionary" "plant" {
  name     = "Plant texts"
  slug     = "PLANT"
  fallback = "en-US"
  languages = {
    "en-US" = { expressions = { TITLE = "Plant", TEMPERATURE = "Temperature" } }
    "pt-BR" = { expressions = { TITLE = "Planta", TEMPERATURE = "Temperatura" } }
    # Written but not offered to users yet.
    "es-ES" = { active = false, expressions = { TITLE = "Planta" } }
  }
}
