"""The bottom layer: helpers that define no tables and import no app of the project (dates,
text, identifiers, documents, uploads, languages, counting, bulk writes, the data cache, the
typed request and the role decorator). Everything else may import it; it imports nothing above."""
