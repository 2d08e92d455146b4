"""The ${{ values.name }} model server (see README.md)."""
