"""The ground floor: small helpers shared by the apps. Imports no app and nothing else of ``desabinaan``."""
