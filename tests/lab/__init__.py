"""Tests of the JupyterLab extension's server part (kwis.lab)."""
