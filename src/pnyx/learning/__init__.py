"""Learning: partner schools and universities, courses, engagement records, credit
applications, and the verifiable credentials they grant."""
