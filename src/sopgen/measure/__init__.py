"""Order exports and event logs → measured flow figures: directly-follows pairs, variants, volume."""
