"""Exercise set 10: neural networks in PyTorch.

Numeric answers are recomputed from the learner's own data inside each check
(the same small, seeded networks the notebook trains, so the recomputation
takes well under a second); discrete answers (shapes, a set of state-dict keys)
are compared as salted digests (see ``paramlab.grading.hashing``), so the right
answer is not readable here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch
from torch import nn

from ..grading.answers import (not_swapped, arrays, every, expect_hashed, expect_value, names_among, number, one_of,
                               shape, whole_number)
from ..grading.core import ExerciseSet, Wrong

SET = ExerciseSet.declared(__file__)

#: The learning rates question 3 chooses from.
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)

#: Question 1's architecture: (in_features, out_features) of each linear layer, in order.
Q1_LAYERS = ((10, 32), (32, 16), (16, 1))

#: The keys of question 5's ``bn_net.state_dict()``.
BN_NET_KEYS = ("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
               "1.num_batches_tracked", "4.weight", "4.bias")

Q4_MAX_EPOCHS, Q4_PATIENCE, Q4_HIDDEN, Q4_LR = 200, 10, 64, 0.2

#: Question 6's recipe: full-batch SGD on make_net() for this many epochs at this rate, with these weight decays.
Q6_EPOCHS, Q6_LR, Q6_DECAYS = 100, 0.1, (0.0, 0.1)


def _tensors(X: Any, y: Any) -> tuple[torch.Tensor, torch.Tensor]:
    """The learner's data as float32 tensors, target as one column, exactly as the notebook builds them."""
    X, y = arrays(X.detach() if isinstance(X, torch.Tensor) else X,
                  y.detach() if isinstance(y, torch.Tensor) else y, "the data", dtype=np.float32)
    if X.shape[1] != 20:
        raise Wrong("pass the data exactly as the notebook built it: 20 features, one target per row")
    return torch.from_numpy(X), torch.from_numpy(y).reshape(-1, 1)


def make_net(n_hidden: int = 32, seed: int = 0) -> nn.Module:
    """The notebook's ``make_net``: 20 -> n_hidden ReLU -> 1, seeded."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(20, n_hidden), nn.ReLU(), nn.Linear(n_hidden, 1))


def _mse(net: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return nn.functional.mse_loss(net(X), y).item()


def _sgd_epoch(net: nn.Module, lr: float, X: torch.Tensor, y: torch.Tensor) -> float:
    """One full-batch SGD update written by hand (no torch.optim: it would import torch._dynamo,
    about a second of grading time). Returns the loss before the update."""
    loss = nn.functional.mse_loss(net(X), y)
    net.zero_grad()
    loss.backward()
    with torch.no_grad():
        for p in net.parameters():
            p -= lr * p.grad
    return loss.item()


def _linear_count(n_in: int, n_out: int) -> int:
    return n_out * n_in + n_out


@SET.question("q1")
def q1(n_params: Any, model: Any) -> None:
    if not isinstance(model, nn.Module):
        raise Wrong("model should be a torch network (an nn.Sequential of layers)")
    layers = [(m.in_features, m.out_features) for m in model.modules() if isinstance(m, nn.Linear)]
    if [(o, i) for i, o in layers] == list(Q1_LAYERS):
        raise Wrong("model's layers run the wrong way: nn.Linear takes (in_features, out_features), "
                    "so the first layer is the one that receives the 10 inputs")
    if layers != list(Q1_LAYERS):
        raise Wrong("model should be 10 inputs -> 32 -> 16 -> 1 output: three nn.Linear layers "
                    "with ReLU between them")
    n = whole_number(n_params, "n_params")
    by_torch = sum(p.numel() for p in model.parameters())
    by_formula = sum(_linear_count(i, o) for i, o in Q1_LAYERS)
    weights_only = sum(i * o for i, o in Q1_LAYERS)
    if n == weights_only:
        raise Wrong("you counted the weights but not the biases: every linear layer also learns "
                    "one bias per output unit")
    if n == by_formula - Q1_LAYERS[-1][1]:
        raise Wrong("almost: the output layer has a bias too")
    if n in {sum(o for _, o in Q1_LAYERS), Q1_LAYERS[0][0] + sum(o for _, o in Q1_LAYERS)}:
        raise Wrong("that counts units (neurons), not learned values: each connection between two "
                    "units has its own weight")
    if n != by_formula or n != by_torch:
        raise Wrong("n_params should count every weight and every bias of the three linear layers")


_Q2_WEIGHT = "d10dd27ac0ab17b488c44704bf47ca1d116aa8452f3af85ec58f9e44ff4c32e2"
_Q2_BIAS = "9b04a0dce42ac77b776efd4f4d1e91d28087496944e8484e61ed3bfc5e14926e"
_Q2_WEIGHT_WRONG = {
    "682779c1be135510a80ba35c8376f1c348c22406f57e500efa7e3d4d8a97220a":
        "weight_shape is written as (in_features, out_features); PyTorch stores a linear layer's "
        "weight the other way round",
    "3a25d21e8af5473b3e89803f5ea2713f11c14f55da8fff9a6038bc20d09f5f23":
        "that is the shape of the first linear layer's weight; net[2] counts the ReLU at net[1] too",
    "16b596b2fa79945d9c8a08ae4ad52d9c833affa9642e8aac9905285a0714befd":
        "that is the first linear layer (and in the wrong order); net[2] counts the ReLU at net[1] too",
}
_Q2_BIAS_WRONG = {
    "fabfcd3e19fd1f0227108c9d84502ea41454953bb6e5054224a4457de5c936b3":
        "bias_shape: that is the bias of net[2]; net[4] is the last layer, with one bias per output unit",
}


def _shape(value: Any, what: str) -> tuple[int, ...]:
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        raise Wrong(f"{what} should be a tuple, even with one dimension: write (n,) rather than n")
    return shape(value, what)


@SET.question("q2")
def q2(weight_shape: Any, bias_shape: Any) -> None:
    w = _shape(weight_shape, "weight_shape")
    b = _shape(bias_shape, "bias_shape")
    if len(w) != 2:
        raise Wrong("weight_shape: a linear layer's weight is a matrix, so its shape has two numbers")
    expect_hashed(w, "ex10.q2.weight", [_Q2_WEIGHT],
                  "weight_shape is not right yet: find the layer net[2] and apply (out_features, in_features)",
                  known_wrong=_Q2_WEIGHT_WRONG)
    if len(b) != 1:
        raise Wrong("bias_shape: a bias holds one number per output unit, so its shape has one dimension, "
                    "written (n,)")
    expect_hashed(b, "ex10.q2.bias", [_Q2_BIAS],
                  "bias_shape is not right yet: how many output units does net[4] have?",
                  known_wrong=_Q2_BIAS_WRONG)


def sgd_losses(lr: float, X_train: torch.Tensor, y_train: torch.Tensor, X_val: torch.Tensor,
               y_val: torch.Tensor, epochs: int = 100) -> tuple[float, float]:
    """The notebook's ``sgd_losses``: full-batch SGD on make_net(); (train MSE, validation MSE)."""
    net = make_net()
    for _ in range(epochs):
        if not math.isfinite(_sgd_epoch(net, lr, X_train, y_train)):
            return math.inf, math.inf
    return _mse(net, X_train, y_train), _mse(net, X_val, y_val)


@SET.question("q3")
def q3(best_lr: Any, X_train: Any, y_train: Any, X_val: Any, y_val: Any) -> None:
    lr = one_of(best_lr, LEARNING_RATES, "best_lr", "the rates in ex10.LEARNING_RATES")
    Xt, yt = _tensors(X_train, y_train)
    Xv, yv = _tensors(X_val, y_val)
    results = {r: sgd_losses(r, Xt, yt, Xv, yv) for r in LEARNING_RATES}
    best_val = min(results, key=lambda r: results[r][1])
    if lr == best_val:
        return
    if not math.isfinite(results[lr][1]):
        raise Wrong("at that learning rate training diverges (the loss grows without bound): "
                    "it cannot be the one to choose")
    if lr == min(results, key=lambda r: results[r][0]):
        raise Wrong("that rate gives the lowest TRAINING loss; a hyperparameter is chosen on the "
                    "validation loss, which here prefers another rate")
    if lr < best_val:
        raise Wrong("at that rate the network is still learning slowly after 100 epochs: a larger "
                    "rate of the grid reaches a lower validation MSE")
    raise Wrong("best_lr is not the rate with the lowest validation MSE")


def early_stopping_run(X_train: torch.Tensor, y_train: torch.Tensor, X_val: torch.Tensor,
                       y_val: torch.Tensor) -> dict[str, Any]:
    """Question 4's recipe: full-batch SGD (lr 0.2), at most 200 epochs, patience 10."""
    net = make_net(n_hidden=Q4_HIDDEN)
    best_val, best_epoch, waited, epoch = math.inf, 0, 0, 0
    train_losses, val_losses = [], []
    for epoch in range(1, Q4_MAX_EPOCHS + 1):
        _sgd_epoch(net, Q4_LR, X_train, y_train)
        val_loss = _mse(net, X_val, y_val)
        train_losses.append(_mse(net, X_train, y_train))
        val_losses.append(val_loss)
        if val_loss < best_val:
            best_val, best_epoch, waited = val_loss, epoch, 0
        else:
            waited += 1
            if waited >= Q4_PATIENCE:
                break
    return {"best_epoch": best_epoch, "best_val": best_val, "stop_epoch": epoch,
            "train": train_losses, "val": val_losses}


@SET.question("q4")
def q4(best_epoch: Any, best_val_loss: Any, es_net: Any, X_train: Any, y_train: Any, X_val: Any,
       y_val: Any) -> None:
    Xt, yt = _tensors(X_train, y_train)
    Xv, yv = _tensors(X_val, y_val)
    epoch = whole_number(best_epoch, "best_epoch")
    loss = number(best_val_loss, "best_val_loss")
    if not isinstance(es_net, nn.Module):
        raise Wrong("es_net should be the trained network (make_net(n_hidden=64) after training)")
    run = early_stopping_run(Xt, yt, Xv, yv)
    if epoch != run["best_epoch"]:
        if epoch == run["best_epoch"] - 1:
            raise Wrong("best_epoch is one too small: count epochs from 1 (range(1, 201))")
        if epoch == run["stop_epoch"]:
            raise Wrong("that is the epoch where training stopped; best_epoch is the epoch with the "
                        "lowest validation MSE, patience epochs earlier")
        if epoch == Q4_MAX_EPOCHS:
            raise Wrong("training ran all 200 epochs: stop once the validation MSE has not improved "
                        "for 10 epochs in a row")
        raise Wrong("best_epoch is not the epoch with the lowest validation MSE in the recipe's run "
                    "(make_net(n_hidden=64), full-batch SGD with lr=0.2, patience 10)")
    if not math.isclose(loss, run["best_val"], rel_tol=1e-4, abs_tol=1e-7):
        if math.isclose(loss, run["train"][epoch - 1], rel_tol=1e-4):
            raise Wrong("best_val_loss is the TRAINING loss at that epoch; early stopping watches "
                        "the validation loss")
        if math.isclose(loss, run["val"][-1], rel_tol=1e-4):
            raise Wrong("best_val_loss is the validation MSE of the last epoch, not of the best one")
        raise Wrong("best_val_loss is not the lowest validation MSE of the run")
    restored = _mse(es_net, Xv, yv)
    if math.isclose(restored, run["val"][-1], rel_tol=1e-4) and not math.isclose(
            restored, run["best_val"], rel_tol=1e-4):
        raise Wrong("es_net still holds the weights of the last epoch: save copy.deepcopy(state_dict()) "
                    "at the best epoch (a plain state_dict() is overwritten by later updates) and "
                    "load it back with es_net.load_state_dict(...)")
    if not math.isclose(restored, run["best_val"], rel_tol=1e-4, abs_tol=1e-7):
        raise Wrong("es_net's validation MSE is not the best one: restore the weights saved at the "
                    "best epoch")


_Q5_ANSWER = "0174657cb0d5ae2384b317b92ff2827fc92509e10d3929528c448756615364a6"


def _bn_net() -> nn.Module:
    """Question 5's network, as the notebook builds it."""
    return nn.Sequential(nn.Linear(20, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 1))


@SET.question("q5")
def q5(updated_by_optimizer: Any) -> None:
    given = names_among(updated_by_optimizer, "updated_by_optimizer", BN_NET_KEYS,
                        "the keys of bn_net.state_dict()", "key")
    if not given:
        raise Wrong("updated_by_optimizer is empty: which of bn_net's tensors receive a gradient in training?")
    net = _bn_net()
    buffers = {name for name, _ in net.named_buffers()}
    chosen_buffers = given & buffers
    if chosen_buffers:
        if len(chosen_buffers) == 1:
            what = ("one of your keys names a buffer: a tensor that changes during training without any "
                    "gradient (its module updates it itself, in forward()), so the optimizer never touches it")
        else:
            what = (f"{len(chosen_buffers)} of your keys name buffers: tensors that change during training "
                    "without any gradient (their module updates them itself, in forward()), so the optimizer "
                    "never touches them")
        raise Wrong(f"{what}. Which entries of bn_net.state_dict(keep_vars=True) require a gradient?")
    missing = set(BN_NET_KEYS) - buffers - given
    batch_norm = {key for key in BN_NET_KEYS if key.startswith("1.")} - buffers
    if missing and missing <= batch_norm:
        raise Wrong("you left out the batch-normalization layer (net[1]) altogether: is everything it holds a "
                    "statistic? Check which of its tensors require a gradient")
    if missing and all(key.endswith(".bias") for key in missing):
        raise Wrong("you left out biases: does a bias receive a gradient when the loss is backpropagated?")
    expect_hashed(given, "ex10.q5", [_Q5_ANSWER],
                  "updated_by_optimizer is not right yet: some keys whose values receive a gradient are "
                  "missing; check requires_grad of every entry of bn_net.state_dict(keep_vars=True)")


def weight_decay_run(weight_decay: float, X_train: torch.Tensor, y_train: torch.Tensor) -> nn.Module:
    """Question 6's recipe by hand: what torch.optim.SGD(lr=Q6_LR, weight_decay=...) does, on make_net()."""
    net = make_net()
    for _ in range(Q6_EPOCHS):
        loss = nn.functional.mse_loss(net(X_train), y_train)
        net.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in net.parameters():
                p -= Q6_LR * (p.grad + weight_decay * p)
    return net


def _first_norm(net: nn.Module) -> float:
    return float(torch.linalg.norm(net[0].weight.detach()))


@SET.question("q6")
def q6(norm_no_decay: Any, norm_decay: Any, X_train: Any, y_train: Any) -> None:
    Xt, yt = _tensors(X_train, y_train)
    got = (number(norm_no_decay, "norm_no_decay"), number(norm_decay, "norm_decay"))
    nets = [weight_decay_run(wd, Xt, yt) for wd in Q6_DECAYS]
    expected = [_first_norm(net) for net in nets]
    not_swapped(got, expected, "the two norms are swapped: norm_no_decay is for weight_decay=0, norm_decay "
                "for weight_decay=0.1", rel=1e-4)
    initial = _first_norm(make_net())

    def one(value: Any, what: str, net: nn.Module, want: float) -> Any:
        return lambda: expect_value(value, want, what, [
            (want ** 2, f"{what} is the squared norm (the sum of squares); the L2 norm is its square root"),
            (lambda: float(torch.sqrt(sum((p.detach() ** 2).sum() for p in net.parameters()))),
             f"{what} is the norm of all the parameters together; the question asks for the first layer's "
             "weight only, net[0].weight"),
            (lambda: float(sum((p.detach() ** 2).sum() for p in net.parameters())),
             f"{what} is the squared norm of all the parameters; take the L2 norm of net[0].weight only"),
            (initial, f"{what} is the norm of the untrained network's first layer: train it first "
                      f"({Q6_EPOCHS} epochs of SGD at lr={Q6_LR})")], rel=1e-4)

    every(*(one(value, what, net, want) for value, what, net, want in
            zip((norm_no_decay, norm_decay), ("norm_no_decay", "norm_decay"), nets, expected)))


score = SET.score
__all__ = ["SET", "LEARNING_RATES", "BN_NET_KEYS", "make_net", "sgd_losses", "early_stopping_run",
           "weight_decay_run", "q1", "q2", "q3", "q4", "q5", "q6", "score"]
