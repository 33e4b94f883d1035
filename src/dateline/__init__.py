"""dateline: news reports of political violence in, sourced event records out."""
