"""Monitoring: when a list changes, which screened names gained a hit and which lost one."""
