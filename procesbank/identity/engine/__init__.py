"""Pure computation for single sign-on: reading the OIO-BPP privileges attribute and choosing
the one Procesbank role a set of privileges or group claims grants."""
