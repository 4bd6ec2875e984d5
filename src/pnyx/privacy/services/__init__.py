"""Every write of the privacy app: access records, consents, downloads, account deletion."""
