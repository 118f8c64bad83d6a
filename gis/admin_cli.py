"""The `envmap admin` subcommands (gis.admin does the work, imported only when one runs)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from gis.errors import EnvMapError
from gis.failures import mask_passwords

ROLES = ("viewer", "district-editor", "reviewer", "admin")


def add_parser(sub: Any, catalog: Any) -> None:
    """`envmap admin …`; `catalog(args)` gives the catalog whose measures get districts."""
    admin = sub.add_parser("admin", help="set up a shared PostgreSQL store: roles and users")
    _store_option(admin)
    actions = admin.add_subparsers(dest="admin_action", required=True)
    init = actions.add_parser("init", help="create or upgrade schema, roles and policies")
    add = actions.add_parser("add-user", help="a person's own login in one role")
    add.add_argument("name", help="the login, e.g. wang_wuchang")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--district", action="append", default=[], help="a district editor's district (repeat)"
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (asked for, unseen, at a terminal)",
    )
    listing = actions.add_parser("list-users", help="every login with its role and districts")
    gone = actions.add_parser("revoke", help="take a login away (its events stay)")
    gone.add_argument("name")
    for action in (init, add, listing, gone):
        _store_option(action)
    admin.set_defaults(run=lambda args: _run(args, catalog))


def _store_option(parser: Any) -> None:
    parser.add_argument(
        "--store",
        default=argparse.SUPPRESS,
        help="the shared store's URL, postgresql+psycopg://OWNER@HOST:5432/DB?sslmode=require",
    )


def _password() -> str:
    """The new password: asked for unseen at a terminal, else the first line of stdin."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("password / 密码: ")
    return sys.stdin.readline().rstrip("\r\n")


def _run(args: argparse.Namespace, catalog: Any) -> int:
    url = args.store or os.environ.get("ENVMAP_STORE") or ""
    if not url:
        raise EnvMapError("which store? give --store postgresql+psycopg://USER@HOST/DB")
    from gis import admin
    from gis.store_roles import ROLE_WORDS

    action = args.admin_action
    if action == "init":
        admin.init(url, catalog(args))
        print(f"{mask_passwords(url)}: schema, roles and policies are up to date")
    elif action == "add-user":
        password = None
        if args.password_stdin:
            password = _password()
            if not password:
                raise admin.AdminError("no password on standard input")
        admin.add_user(url, args.name, args.role, args.district, password)
        print(f"{args.name}: {ROLE_WORDS[args.role]} {' '.join(args.district)}")
    elif action == "list-users":
        for user in admin.list_users(url):
            state = "active" if user.active else "revoked"
            print(f"{user.name:<20} {user.role:<16} {state:<8} {' '.join(user.districts)}")
    else:
        admin.revoke(url, args.name)
        print(f"{args.name}: login revoked (the events it recorded stay)")
    return 0
