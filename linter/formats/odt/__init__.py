"""The .odt format (OpenDocument text): its reader and its writer."""
