"""What is specific to exercise set 10 (the shared properties and the attempts are in test_sets.py)."""

from paramlab.checks import ex10

from attempts_ex10 import bn_net, friedman


def test_q3_recomputes_from_the_learners_own_data():
    other = friedman(seed=3)
    results = {lr: ex10.sgd_losses(lr, **other) for lr in ex10.LEARNING_RATES}
    assert ex10.q3.evaluate(best_lr=min(results, key=lambda lr: results[lr][1]), **other).passed


def test_q5_candidates_are_the_state_dict_of_the_stated_network():
    assert tuple(bn_net().state_dict()) == ex10.BN_NET_KEYS
    assert tuple(ex10._bn_net().state_dict()) == ex10.BN_NET_KEYS
