"""The ${{ values.name }} service (see README.md)."""
