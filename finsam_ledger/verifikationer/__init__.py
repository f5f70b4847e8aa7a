"""verifikationer."""
