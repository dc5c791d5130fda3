"""Parse each article once; sentences and entity mentions kept as offsets."""
