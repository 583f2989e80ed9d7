"""``onrecord actors``: the most-quoted speakers, and the user's corrections of
who is who (merge, rename, split, not-a-person), kept in the store as rules
that articles stored later follow (:mod:`onrecord.store.curation`).

Each subcommand opens the store, resolves names to actors (a name, alias,
surname or ``#id``; none or several is one line and exit status 2) and calls
one method; rendering is the only logic here.
"""

from __future__ import annotations

from typing import Any

import click

from onrecord.cli.listing import emit, field, format_option, limit_options
from onrecord.cli.options import db_option, echo_json, json_option


def _db(ctx: click.Context, db: str | None) -> str | None:
    """The subcommand's --db, else the group's (``actors --db X merge …``)."""
    return db or (ctx.obj or {}).get("db")


def _apply(ctx: click.Context, db: str | None, as_json: bool, kind: str, actor: str,
           **fields: Any) -> None:  # fmt: skip
    """Resolve ``actor`` (and a ``target`` name, for a merge), apply the rule, say what it did."""
    from onrecord.store import open_store
    from onrecord.store.interface import ActorRule

    with open_store(_db(ctx, db)) as store:
        actor_id = store.resolve_actor(actor)["id"]
        target = fields.pop("target", None)
        target_id = store.resolve_actor(target)["id"] if target is not None else None
        rule = store.apply_rule(ActorRule(kind, actor_id, target_id, **fields))
    if as_json:
        echo_json(rule)
        return
    moved = f", {rule['statements']} statement(s) moved" if rule["statements"] else ""
    click.echo(f"rule #{rule['id']}: {rule['summary']}{moved}")


ACTOR_COLUMNS = (
    field("id"),
    field("name", short=False, ratio=3),
    field("kind"),
    field("statements"),
    field("articles"),
    field("first"),
    field("last"),
)


@click.group(invoke_without_command=True)
@click.option("--top", type=click.IntRange(1), default=None, help="Same as --limit.")
@limit_options(20)
@click.option("--sort", type=click.Choice(["statements", "name", "recent", "articles"]),
              default="statements", show_default=True)  # fmt: skip
@db_option
@format_option
@click.pass_context
def actors(ctx: click.Context, top: int | None, limit: int, everything: bool, sort: str,
           db: str | None, fmt: str, as_json: bool) -> None:  # fmt: skip
    """The most-quoted speakers, with counts; subcommands correct who is who."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is not None:
        return
    from onrecord.store import open_store

    with open_store(db) as store:
        rows, total = store.list_actors(sort=sort, limit=top or limit)
        if everything and total > len(rows):
            rows = store.list_actors(sort=sort, limit=total)[0]
    emit(rows, ACTOR_COLUMNS, "json" if as_json else fmt, what="actors", total=total)


@actors.command()
@click.argument("actor")
@click.argument("into")
@db_option
@json_option
@click.pass_context
def merge(ctx: click.Context, actor: str, into: str, db: str | None, as_json: bool) -> None:
    """ACTOR is INTO: its statements, names and events join INTO, and later
    articles naming it so are INTO's."""
    _apply(ctx, db, as_json, "merge", actor, target=into)


@actors.command()
@click.argument("actor")
@click.argument("new_name")
@db_option
@json_option
@click.pass_context
def rename(ctx: click.Context, actor: str, new_name: str, db: str | None, as_json: bool) -> None:
    """Call ACTOR NEW_NAME (the old name stays an alias)."""
    _apply(ctx, db, as_json, "rename", actor, name=new_name)


@actors.command()
@click.argument("actor")
@click.option("--alias", help="The statements whose speaker an article names so.")
@click.option("--article", type=click.IntRange(0), help="The statements in this article (id).")
@click.option("--name", help="The new actor's name (default: the alias, or ACTOR's name).")
@db_option
@json_option
@click.pass_context
def split(ctx: click.Context, actor: str, alias: str | None, article: int | None,
          name: str | None, db: str | None, as_json: bool) -> None:  # fmt: skip
    """Give some of ACTOR's statements to a new actor: those under one name
    (--alias, which later articles then also give the new actor) or those in
    one article (--article)."""
    if (alias is None) == (article is None):
        raise click.UsageError("give one of --alias NAME or --article ID")
    _apply(ctx, db, as_json, "split", actor, alias=alias, article_id=article, name=name)


@actors.command("not-a-person")
@click.argument("actor")
@click.option("--org", is_flag=True, help="An organisation: keep it as an actor of kind ORG.")
@db_option
@json_option
@click.pass_context
def not_a_person(ctx: click.Context, actor: str, org: bool, db: str | None,
                 as_json: bool) -> None:  # fmt: skip
    """ACTOR is no speaker: its statements keep the name but no actor (or,
    with --org, it is an organisation), in later articles too."""
    _apply(ctx, db, as_json, "not-a-person", actor, org=org)


#: the columns of `actors rules`
RULE_COLUMNS = (
    field("id"), field("kind"), field("rule", "summary", short=False), field("statements"),
    field("created", "created_at"), field("deleted", "deleted_at"),
)  # fmt: skip


@actors.command()
@click.option("--actor", "name", help="Only the rules about this actor.")
@click.option("--delete", "delete", type=click.IntRange(1), metavar="ID",
              help="Stop following rule ID for new articles (what it changed stays).")  # fmt: skip
@click.option("--all", "everything", is_flag=True, help="Deleted rules too.")
@db_option
@format_option
@click.pass_context
def rules(ctx: click.Context, name: str | None, delete: int | None, everything: bool,
          db: str | None, fmt: str, as_json: bool) -> None:  # fmt: skip
    """The rules kept in the store, oldest first."""
    from onrecord.errors import OnrecordError
    from onrecord.store import open_store

    with open_store(_db(ctx, db)) as store:
        if delete is not None:
            gone = store.delete_rule(delete)
            if gone is None:
                raise OnrecordError(f"no rule #{delete} in force in the store")
            click.echo(f"rule #{delete} deleted: {gone['summary']} (what it changed stays)")
            return
        actor_id = store.resolve_actor(name)["id"] if name else None
        found = store.actor_rules(actor_id, deleted=everything)
    emit(found, RULE_COLUMNS, "json" if as_json else fmt, what="rules")


COMMANDS = (actors,)
