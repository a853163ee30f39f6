"""Every write of single sign-on data: the login itself (``sso_login``: just-in-time user,
role update, audit) and the collaboration admin's configuration (``config``)."""
