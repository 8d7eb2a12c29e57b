"""The app's read models: what each page shows, read from the store."""
