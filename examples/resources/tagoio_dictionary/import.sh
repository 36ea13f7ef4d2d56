# A dictionary is imported by its ID, with every language and expression it has.
terraform import tagoio_dictionary.plant 63ea6bd581db210009ff8f1d
