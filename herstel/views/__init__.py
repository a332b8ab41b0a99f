"""Views of the herstel pages: thin; every action comes through an access-checked selector,
every write through a service."""
