"""Attempts at exercise set 10 (neural networks in PyTorch)."""

from __future__ import annotations

import copy
import functools
import math

import numpy as np
import torch
from sklearn.datasets import make_friedman1
from sklearn.preprocessing import StandardScaler
from torch import nn

from paramlab import datasets
from paramlab.checks import ex10

from attempts import NOT_ATTEMPTED, Attempt, pick, right, wrong


def friedman(seed: int = 0) -> dict:
    """The notebook's data cell (attempts.split has no Friedman data): standardized float32 tensors."""
    X, y = make_friedman1(n_samples=400, n_features=20, noise=1.0, random_state=seed)
    parts = datasets.split(X, y, val_size=0.25, test_size=0.25, seed=seed)
    scaler = StandardScaler().fit(parts.X_train)
    mean, std = parts.y_train.mean(), parts.y_train.std()

    def to_tensors(X_part, y_part):
        return (torch.tensor(scaler.transform(X_part), dtype=torch.float32),
                torch.tensor((y_part - mean) / std, dtype=torch.float32).reshape(-1, 1))

    (X_train, y_train), (X_val, y_val) = to_tensors(parts.X_train, parts.y_train), to_tensors(parts.X_val, parts.y_val)
    return {"X_train": X_train, "y_train": y_train, "X_val": X_val, "y_val": y_val}


def learner_early_stopping(d, use_optim=False, restore=True, deep=True):
    """The loop a learner writes for question 4, with switches for the usual mistakes."""
    net = ex10.make_net(n_hidden=64)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.2) if use_optim else None
    best_val, best_epoch, best_state, waited, train_at_best = math.inf, 0, None, 0, None
    for epoch in range(1, 201):
        loss = nn.functional.mse_loss(net(d["X_train"]), d["y_train"])
        net.zero_grad()
        loss.backward()
        if optimizer is not None:
            optimizer.step()
        else:
            with torch.no_grad():
                for p in net.parameters():
                    p -= 0.2 * p.grad
        with torch.no_grad():
            val = nn.functional.mse_loss(net(d["X_val"]), d["y_val"]).item()
            train = nn.functional.mse_loss(net(d["X_train"]), d["y_train"]).item()
        if val < best_val:
            best_val, best_epoch, waited, train_at_best = val, epoch, 0, train
            best_state = copy.deepcopy(net.state_dict()) if deep else net.state_dict()
        else:
            waited += 1
            if waited >= 10:
                break
    if restore:
        net.load_state_dict(best_state)
    return {"best_epoch": best_epoch, "best_val": best_val, "stop_epoch": epoch, "last_val": val,
            "train_at_best": train_at_best, "net": net}


def learner_weight_decay(d, weight_decay, epochs=100):
    """Question 6 as a learner writes it, with torch.optim.SGD."""
    net = ex10.make_net()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1, weight_decay=weight_decay)
    for _ in range(epochs):
        loss = nn.functional.mse_loss(net(d["X_train"]), d["y_train"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return net


def bn_net():
    return nn.Sequential(nn.Linear(20, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 1))


@functools.cache
def data() -> dict:
    torch.set_num_threads(1)
    d = friedman()
    tensors = pick(d, "X_train", "y_train", "X_val", "y_val")
    d["sweep"] = {lr: ex10.sgd_losses(lr, **tensors) for lr in ex10.LEARNING_RATES}
    d["lr_val"] = min(d["sweep"], key=lambda lr: d["sweep"][lr][1])
    d["lr_train"] = min(d["sweep"], key=lambda lr: d["sweep"][lr][0])
    d["lr_diverging"] = [lr for lr in ex10.LEARNING_RATES if not math.isfinite(d["sweep"][lr][1])]
    assert d["lr_val"] != d["lr_train"] and d["lr_diverging"] and min(ex10.LEARNING_RATES) < d["lr_val"]
    d["run"] = learner_early_stopping(d)
    assert d["run"]["stop_epoch"] == d["run"]["best_epoch"] + 10 < 200, "the recipe must stop early"
    d["run_optim"] = learner_early_stopping(d, use_optim=True)
    d["run_not_restored"] = learner_early_stopping(d, restore=False)
    d["run_shallow_copy"] = learner_early_stopping(d, deep=False)
    d["parameters"] = {name for name, _ in bn_net().named_parameters()}
    d["decay_nets"] = {wd: learner_weight_decay(d, wd) for wd in (0.0, 0.1)}
    d["norms"] = {wd: torch.linalg.norm(net[0].weight).item() for wd, net in d["decay_nets"].items()}
    d["all_norms"] = {wd: torch.sqrt(sum((p ** 2).sum() for p in net.parameters())).item()
                      for wd, net in d["decay_nets"].items()}
    d["untrained_norm"] = torch.linalg.norm(ex10.make_net()[0].weight).item()
    assert d["norms"][0.1] < d["norms"][0.0]
    return d


def q1_model():
    return nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 1))


def q1(n, model=q1_model):
    return lambda d: {"n_params": n(model()), "model": model()}


def q2(weight, bias):
    net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 8), nn.ReLU(), nn.Linear(8, 1))
    return lambda d: {"weight_shape": weight(net), "bias_shape": bias(net)}


W2 = lambda net: tuple(net[2].weight.shape)  # noqa: E731
B4 = lambda net: tuple(net[4].bias.shape)  # noqa: E731


def q3(lr):
    return lambda d: {"best_lr": lr(d), **pick(d, "X_train", "y_train", "X_val", "y_val")}


def q4(run="run", **changes):
    def answers(d):
        r = d[run]
        values = {"best_epoch": r["best_epoch"], "best_val_loss": r["best_val"], "es_net": r["net"],
                  **pick(d, "X_train", "y_train", "X_val", "y_val")}
        values.update({k: change(d, r) for k, change in changes.items()})
        return values
    return answers


def q5(keys):
    return lambda d: {"updated_by_optimizer": keys(d)}


def q6(no_decay, decay):
    return lambda d: {"norm_no_decay": no_decay(d), "norm_decay": decay(d), **pick(d, "X_train", "y_train")}


NO_DECAY, DECAY = (lambda d: d["norms"][0.0]), (lambda d: d["norms"][0.1])
WEIGHTS_ONLY = lambda net: sum(m.weight.numel() for m in net.modules() if isinstance(m, nn.Linear))  # noqa: E731
TORCH_COUNT = lambda net: sum(p.numel() for p in net.parameters())  # noqa: E731

ATTEMPTS = [
    right("q1", "counted by torch, as a tensor", q1(lambda net: torch.tensor(TORCH_COUNT(net)))),
    right("q1", "counted as a float", q1(lambda net: float(TORCH_COUNT(net)))),
    wrong("q1", "weights only", q1(WEIGHTS_ONLY), "not the biases"),
    wrong("q1", "no bias on the output layer", q1(lambda net: TORCH_COUNT(net) - 1), "output layer has a bias"),
    wrong("q1", "counted units", q1(lambda net: 32 + 16 + 1), "units (neurons)"),
    wrong("q1", "the count as text", q1(lambda net: str(TORCH_COUNT(net))), "drop the quotes"),
    wrong("q1", "layers built the wrong way round",
          q1(lambda net: 897, lambda: nn.Sequential(nn.Linear(32, 10), nn.ReLU(), nn.Linear(16, 32), nn.ReLU(),
                                                    nn.Linear(1, 16))), "(in_features, out_features)"),
    wrong("q1", "another architecture", q1(TORCH_COUNT, lambda: nn.Sequential(nn.Linear(10, 64), nn.ReLU(),
                                                                              nn.Linear(64, 1))),
          "10 inputs -> 32 -> 16 -> 1"),

    right("q2", "read from torch as torch.Size", q2(lambda net: net[2].weight.shape, lambda net: net[4].bias.shape)),
    right("q2", "a list and a numpy array", q2(lambda net: list(W2(net)), lambda net: np.array(B4(net)))),
    wrong("q2", "the weight as (in, out)", q2(lambda net: W2(net)[::-1], B4), "other way round"),
    wrong("q2", "the first linear layer", q2(lambda net: tuple(net[0].weight.shape), B4), "first linear layer"),
    wrong("q2", "the bias as a bare int", q2(W2, lambda net: 1), "write (n,) rather than n"),
    wrong("q2", "the bias as a matrix", q2(W2, lambda net: (1, 1)), "one dimension"),
    wrong("q2", "the bias of net[2]", q2(W2, lambda net: tuple(net[2].bias.shape)), "bias of net[2]"),
    wrong("q2", "the weight as text", q2(lambda net: "(8, 64)", B4), "should be a shape"),

    right("q3", "a 0-d float32 tensor (issue 14)", q3(lambda d: torch.tensor(d["lr_val"], dtype=torch.float32))),
    right("q3", "a numpy float32", q3(lambda d: np.float32(d["lr_val"]))),
    wrong("q3", "chose on the training loss", q3(lambda d: d["lr_train"]), "TRAINING loss"),
    wrong("q3", "a rate that diverges", q3(lambda d: d["lr_diverging"][0]), "diverges"),
    wrong("q3", "the smallest rate", q3(lambda d: min(ex10.LEARNING_RATES)), "learning slowly"),
    wrong("q3", "a rate off the grid", q3(lambda d: 0.05), "one of the rates in ex10.LEARNING_RATES"),
    wrong("q3", "the rate as text", q3(lambda d: str(d["lr_val"])), "drop the quotes"),

    right("q4", "the early-stopped run", q4()),
    right("q4", "torch.optim.SGD for the update, the loss as a tensor",
          q4("run_optim", best_val_loss=lambda d, r: torch.tensor(r["best_val"]))),
    wrong("q4", "the epoch where training stopped", q4(best_epoch=lambda d, r: r["stop_epoch"]),
          "where training stopped"),
    wrong("q4", "epochs counted from 0", q4(best_epoch=lambda d, r: r["best_epoch"] - 1), "count epochs from 1"),
    wrong("q4", "no early stopping", q4(best_epoch=lambda d, r: 200), "ran all 200 epochs"),
    wrong("q4", "the training loss", q4(best_val_loss=lambda d, r: r["train_at_best"]), "TRAINING loss"),
    wrong("q4", "the last validation loss", q4(best_val_loss=lambda d, r: r["last_val"]), "last epoch"),
    wrong("q4", "best weights not restored", q4("run_not_restored"), "weights of the last epoch"),
    wrong("q4", "saved a plain state_dict()", q4("run_shallow_copy"), "weights of the last epoch"),
    wrong("q4", "a fresh network", q4(es_net=lambda d, r: ex10.make_net(n_hidden=64)), "restore the weights"),
    Attempt("q4", "only es_net left as ...", q4(es_net=lambda d, r: ...), NOT_ATTEMPTED),

    right("q5", "the parameters as a sorted list", q5(lambda d: sorted(d["parameters"]))),
    right("q5", "a tuple with spaces", q5(lambda d: tuple(f" {k} " for k in d["parameters"]))),
    wrong("q5", "added the running statistics", q5(lambda d: d["parameters"] | {"1.running_mean", "1.running_var"}),
          "2 of your keys name buffers"),
    wrong("q5", "added the counter", q5(lambda d: d["parameters"] | {"1.num_batches_tracked"}), "names a buffer"),
    wrong("q5", "every key", q5(lambda d: list(ex10.BN_NET_KEYS)), "3 of your keys name buffers"),
    wrong("q5", "the linear layers only", q5(lambda d: {k for k in d["parameters"] if not k.startswith("1.")}),
          "batch-normalization layer"),
    wrong("q5", "weights only", q5(lambda d: {k for k in d["parameters"] if k.endswith("weight")}), "biases"),
    wrong("q5", "one linear layer left out", q5(lambda d: {k for k in d["parameters"] if not k.startswith("4.")}),
          "some keys whose values receive a gradient are missing"),
    wrong("q5", "a name that is not a key", q5(lambda d: {"3.p"}), "not a key"),
    wrong("q5", "a key in capitals", q5(lambda d: {k.upper() for k in d["parameters"]}), "not a key"),
    wrong("q5", "nothing", q5(lambda d: set()), "is empty"),
    wrong("q5", "one string", q5(lambda d: "0.weight"), "set of strings"),

    right("q6", "the norms as 0-d tensors", q6(lambda d: torch.linalg.norm(d["decay_nets"][0.0][0].weight).detach(),
                                               lambda d: torch.linalg.norm(d["decay_nets"][0.1][0].weight).detach())),
    right("q6", "the norms from numpy", q6(lambda d: float(np.linalg.norm(d["decay_nets"][0.0][0].weight.detach())),
                                           DECAY)),
    wrong("q6", "swapped the norms", q6(DECAY, NO_DECAY), "swapped"),
    wrong("q6", "the norm of all parameters", q6(lambda d: d["all_norms"][0.0], lambda d: d["all_norms"][0.1]),
          "norm of all the parameters"),
    wrong("q6", "the squared norms", q6(lambda d: d["norms"][0.0] ** 2, lambda d: d["norms"][0.1] ** 2),
          "square root; norm_decay is the squared norm"),
    wrong("q6", "the untrained network's norm", q6(lambda d: d["untrained_norm"], DECAY), "untrained network"),
    wrong("q6", "a made-up norm", q6(NO_DECAY, lambda d: 1.0), "norm_decay is not the value computed"),
    wrong("q6", "the network instead of a number", q6(NO_DECAY, lambda d: d["decay_nets"][0.1]), "single number"),
]
