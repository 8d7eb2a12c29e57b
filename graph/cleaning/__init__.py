"""Raw values made comparable: amounts in EUR, provision references, names, text."""
