"""Facts about countries, sales channels and tools, as data: what tailoring draws on."""
