"""The checks of exercise set 10 called directly: right answers pass, plausible wrong ones are
rejected with the intended message, placeholders are 'not attempted'."""

import copy
import math

import pytest
import torch
from sklearn.datasets import make_friedman1
from sklearn.preprocessing import StandardScaler
from torch import nn

from paramlab import datasets
from paramlab.checks import ex10
from paramlab.grading.core import Outcome


@pytest.fixture(scope="module")
def data():
    """The exercise notebook's data cell."""
    torch.set_num_threads(1)
    X, y = make_friedman1(n_samples=400, n_features=20, noise=1.0, random_state=0)
    parts = datasets.split(X, y, val_size=0.25, test_size=0.25, seed=0)
    scaler = StandardScaler().fit(parts.X_train)
    y_mean, y_std = parts.y_train.mean(), parts.y_train.std()

    def to_tensors(X_part, y_part):
        features = torch.tensor(scaler.transform(X_part), dtype=torch.float32)
        target = torch.tensor((y_part - y_mean) / y_std, dtype=torch.float32)
        return features, target.reshape(-1, 1)

    X_train, y_train = to_tensors(parts.X_train, parts.y_train)
    X_val, y_val = to_tensors(parts.X_val, parts.y_val)
    return dict(X_train=X_train, y_train=y_train, X_val=X_val, y_val=y_val)


def outcome(question, **answers):
    return question.evaluate(**answers)


def test_every_question_has_a_hint_and_a_title():
    assert len(ex10.SET.questions) >= 5
    for q in ex10.SET.questions.values():
        assert q.hint_text and q.title


# --- q1: parameter count ---------------------------------------------------------------------

def q1_model():
    return nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 1))


def test_q1_accepts_the_count_and_agrees_with_torch():
    model = q1_model()
    n = sum(p.numel() for p in model.parameters())
    assert outcome(ex10.q1, n_params=n, model=model).passed


def test_q1_rejects_counts_without_biases_or_of_units():
    model = q1_model()
    weights_only = sum(m.weight.numel() for m in model.modules() if isinstance(m, nn.Linear))
    no_biases = outcome(ex10.q1, n_params=weights_only, model=model)
    assert no_biases.outcome is Outcome.WRONG and "not the biases" in no_biases.message
    units = outcome(ex10.q1, n_params=32 + 16 + 1, model=model)
    assert "units (neurons)" in units.message
    assert "whole number" in outcome(ex10.q1, n_params="897", model=model).message


def test_q1_rejects_a_model_built_the_wrong_way_round():
    backwards = nn.Sequential(nn.Linear(32, 10), nn.ReLU(), nn.Linear(16, 32), nn.ReLU(), nn.Linear(1, 16))
    result = outcome(ex10.q1, n_params=897, model=backwards)
    assert result.outcome is Outcome.WRONG and "(in_features, out_features)" in result.message
    other = nn.Sequential(nn.Linear(10, 64), nn.ReLU(), nn.Linear(64, 1))
    assert "10 inputs -> 32 -> 16 -> 1" in outcome(ex10.q1, n_params=769, model=other).message
    assert outcome(ex10.q1, n_params=..., model=...).outcome is Outcome.NOT_ATTEMPTED


# --- q2: weight shape --------------------------------------------------------------------------

def test_q2_accepts_the_shapes_read_from_torch():
    net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 8), nn.ReLU(), nn.Linear(8, 1))
    assert outcome(ex10.q2, weight_shape=net[2].weight.shape, bias_shape=net[4].bias.shape).passed
    assert outcome(ex10.q2, weight_shape=list(net[2].weight.shape),
                   bias_shape=tuple(net[4].bias.shape)).passed


def test_q2_rejects_a_transposed_weight_and_the_wrong_layer():
    net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 8), nn.ReLU(), nn.Linear(8, 1))
    right_bias = tuple(net[4].bias.shape)
    transposed = outcome(ex10.q2, weight_shape=tuple(net[2].weight.shape)[::-1], bias_shape=right_bias)
    assert transposed.outcome is Outcome.WRONG and "other way round" in transposed.message
    first_layer = outcome(ex10.q2, weight_shape=tuple(net[0].weight.shape), bias_shape=right_bias)
    assert "first linear layer" in first_layer.message


def test_q2_rejects_malformed_and_wrong_bias_shapes():
    net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 8), nn.ReLU(), nn.Linear(8, 1))
    right_weight = tuple(net[2].weight.shape)
    as_int = outcome(ex10.q2, weight_shape=right_weight, bias_shape=1)
    assert "write (n,) rather than n" in as_int.message
    two_d = outcome(ex10.q2, weight_shape=right_weight, bias_shape=(1, 1))
    assert "one dimension" in two_d.message
    other_bias = outcome(ex10.q2, weight_shape=right_weight, bias_shape=tuple(net[2].bias.shape))
    assert "bias of net[2]" in other_bias.message


# --- q3: learning rate on validation data ------------------------------------------------------

@pytest.fixture(scope="module")
def sweep(data):
    return {lr: ex10.sgd_losses(lr, **data) for lr in ex10.LEARNING_RATES}


def test_q3_accepts_the_lowest_validation_loss(data, sweep):
    best = min(sweep, key=lambda lr: sweep[lr][1])
    assert outcome(ex10.q3, best_lr=best, **data).passed


def test_q3_rejects_a_choice_made_on_training_loss(data, sweep):
    on_val = min(sweep, key=lambda lr: sweep[lr][1])
    on_train = min(sweep, key=lambda lr: sweep[lr][0])
    assert on_val != on_train, "the data must make a training-loss choice distinguishable"
    result = outcome(ex10.q3, best_lr=on_train, **data)
    assert result.outcome is Outcome.WRONG and "TRAINING loss" in result.message


def test_q3_rejects_a_diverging_and_a_too_small_rate(data, sweep):
    diverging = [lr for lr in ex10.LEARNING_RATES if not math.isfinite(sweep[lr][1])]
    assert diverging, "the grid must contain a rate that diverges"
    assert "diverges" in outcome(ex10.q3, best_lr=diverging[0], **data).message
    smallest = min(ex10.LEARNING_RATES)
    assert "learning slowly" in outcome(ex10.q3, best_lr=smallest, **data).message
    assert "one of the rates" in outcome(ex10.q3, best_lr=0.05, **data).message


def test_q3_recomputes_from_the_learners_own_data(data):
    X, y = make_friedman1(n_samples=400, n_features=20, noise=1.0, random_state=3)
    parts = datasets.split(X, y, val_size=0.25, test_size=0.25, seed=3)
    scaler = StandardScaler().fit(parts.X_train)
    mean, std = parts.y_train.mean(), parts.y_train.std()
    other = dict(
        X_train=torch.tensor(scaler.transform(parts.X_train), dtype=torch.float32),
        y_train=torch.tensor((parts.y_train - mean) / std, dtype=torch.float32).reshape(-1, 1),
        X_val=torch.tensor(scaler.transform(parts.X_val), dtype=torch.float32),
        y_val=torch.tensor((parts.y_val - mean) / std, dtype=torch.float32).reshape(-1, 1),
    )
    results = {lr: ex10.sgd_losses(lr, **other) for lr in ex10.LEARNING_RATES}
    assert outcome(ex10.q3, best_lr=min(results, key=lambda lr: results[lr][1]), **other).passed


# --- q4: early stopping ------------------------------------------------------------------------

def learner_early_stopping(data, use_optim=False, restore=True, deep=True):
    """The loop a learner writes for question 4, with switches for the usual mistakes."""
    net = ex10.make_net(n_hidden=64)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.2) if use_optim else None
    best_val, best_epoch, best_state, waited = math.inf, 0, None, 0
    train_at_best = None
    for epoch in range(1, 201):
        loss = nn.functional.mse_loss(net(data["X_train"]), data["y_train"])
        net.zero_grad()
        loss.backward()
        if optimizer is not None:
            optimizer.step()
        else:
            with torch.no_grad():
                for p in net.parameters():
                    p -= 0.2 * p.grad
        with torch.no_grad():
            val = nn.functional.mse_loss(net(data["X_val"]), data["y_val"]).item()
            train = nn.functional.mse_loss(net(data["X_train"]), data["y_train"]).item()
        if val < best_val:
            best_val, best_epoch, waited, train_at_best = val, epoch, 0, train
            best_state = copy.deepcopy(net.state_dict()) if deep else net.state_dict()
        else:
            waited += 1
            if waited >= 10:
                break
    if restore:
        net.load_state_dict(best_state)
    return dict(best_epoch=best_epoch, best_val=best_val, stop_epoch=epoch, last_val=val,
                train_at_best=train_at_best, net=net)


def q4_answers(data, run, **changes):
    answers = dict(best_epoch=run["best_epoch"], best_val_loss=run["best_val"], es_net=run["net"], **data)
    answers.update(changes)
    return answers


def test_q4_accepts_the_early_stopped_run(data):
    run = learner_early_stopping(data)
    assert run["stop_epoch"] == run["best_epoch"] + 10 < 200, "the recipe must stop early"
    assert outcome(ex10.q4, **q4_answers(data, run)).passed


def test_q4_accepts_torch_optim_sgd_as_the_update(data):
    run = learner_early_stopping(data, use_optim=True)
    assert outcome(ex10.q4, **q4_answers(data, run)).passed


def test_q4_rejects_the_stop_epoch_and_an_off_by_one_epoch(data):
    run = learner_early_stopping(data)
    stop = outcome(ex10.q4, **q4_answers(data, run, best_epoch=run["stop_epoch"]))
    assert stop.outcome is Outcome.WRONG and "where training stopped" in stop.message
    zero_based = outcome(ex10.q4, **q4_answers(data, run, best_epoch=run["best_epoch"] - 1))
    assert "count epochs from 1" in zero_based.message
    all_epochs = outcome(ex10.q4, **q4_answers(data, run, best_epoch=200))
    assert "ran all 200 epochs" in all_epochs.message


def test_q4_rejects_the_training_loss_and_the_last_validation_loss(data):
    run = learner_early_stopping(data)
    train = outcome(ex10.q4, **q4_answers(data, run, best_val_loss=run["train_at_best"]))
    assert "TRAINING loss" in train.message
    last = outcome(ex10.q4, **q4_answers(data, run, best_val_loss=run["last_val"]))
    assert "last epoch" in last.message


def test_q4_rejects_a_network_whose_best_weights_were_not_restored(data):
    for mistake in (dict(restore=False), dict(deep=False)):
        run = learner_early_stopping(data, **mistake)
        result = outcome(ex10.q4, **q4_answers(data, run))
        assert result.outcome is Outcome.WRONG and "weights of the last epoch" in result.message
    run = learner_early_stopping(data)
    assert outcome(ex10.q4, **q4_answers(data, run, es_net=...)).outcome is Outcome.NOT_ATTEMPTED


# --- q5: what the optimizer learns in a state_dict ---------------------------------------------

def bn_net():
    return nn.Sequential(nn.Linear(20, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 1))


def test_q5_candidates_are_the_state_dict_of_the_stated_network():
    assert tuple(bn_net().state_dict()) == ex10.BN_NET_KEYS


def test_q5_accepts_the_parameters():
    right = {name for name, _ in bn_net().named_parameters()}
    assert outcome(ex10.q5, updated_by_optimizer=right).passed
    assert outcome(ex10.q5, updated_by_optimizer=sorted(right)).passed


def test_q5_rejects_buffers_and_missing_batch_norm_parameters():
    right = {name for name, _ in bn_net().named_parameters()}
    with_stats = outcome(ex10.q5, updated_by_optimizer=right | {"1.running_mean", "1.running_var"})
    assert with_stats.outcome is Outcome.WRONG and "buffers" in with_stats.message
    with_counter = outcome(ex10.q5, updated_by_optimizer=right | {"1.num_batches_tracked"})
    assert "counter" in with_counter.message
    linear_only = outcome(ex10.q5, updated_by_optimizer={n for n in right if not n.startswith("1.")})
    assert "batch normalization has learned values too" in linear_only.message
    weights_only = outcome(ex10.q5, updated_by_optimizer={n for n in right if n.endswith("weight")})
    assert weights_only.outcome is Outcome.WRONG and "named_parameters" in weights_only.message
    assert "not a key" in outcome(ex10.q5, updated_by_optimizer={"3.p"}).message
    assert "set of state_dict keys" in outcome(ex10.q5, updated_by_optimizer="0.weight").message
