"""Reading new documents: candidate sites, measures and statuses with verbatim evidence."""
