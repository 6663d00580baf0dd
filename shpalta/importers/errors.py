class ImportFailed(Exception):
    """The file cannot be imported as it is. The message names the place and the reason, in
    Ukrainian, for the editor; the transaction around the import has rolled everything back."""
