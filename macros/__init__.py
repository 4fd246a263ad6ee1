"""smm-guide: data model, validator and generators for the IoT SMM guidance site."""
