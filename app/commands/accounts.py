"""``permitdesk user``: local accounts, managed by the IT admin."""

from __future__ import annotations

import argparse
import getpass
import sys

from app.commands.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    desk_for,
)


def _read_password() -> str:
    """From stdin when it is not a terminal (one line), else asked twice without echo:
    never on the command line, where other users and the shell history would see it."""

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise CommandError("the two passwords differ", EXIT_USAGE)
    return first


def cmd_user(args: argparse.Namespace) -> int:
    from app.domain.passwords import WeakPassword
    from app.services import auth

    if args.user_command is None:
        raise CommandError(
            "say 'user add', 'user list', 'user disable' or 'user lockout'", EXIT_USAGE
        )
    with desk_for(args) as desk:
        if args.user_command == "add":
            try:
                account = auth.create_account(
                    desk, args.name, auth.Role(args.role), _read_password()
                )
            except WeakPassword as error:
                raise CommandError(str(error), EXIT_USAGE) from None
            print(f"account {account.name} created ({account.role.value})")
        elif args.user_command == "disable":
            account = auth.disable_account(desk, args.name)
            print(f"account {account.name} disabled")
        elif args.user_command == "lockout":
            try:
                policy = auth.set_lockout_policy(desk, args.attempts, args.minutes)
            except ValueError as error:
                raise CommandError(str(error), EXIT_USAGE) from None
            print(f"{policy.attempts} wrong passwords lock an account for {policy.minutes} minutes")
        else:
            for account in auth.list_accounts(desk):
                state = "disabled" if account.disabled else "active"
                if account.locked_until:
                    state += f", locked until {account.locked_until.isoformat()}"
                print(f"{account.name}\t{account.role.value}\t{state}")
    return EXIT_OK
