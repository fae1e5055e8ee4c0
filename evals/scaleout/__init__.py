"""Scale-out rehearsal: guichet on several hosts (network namespaces), one worker cut off."""
