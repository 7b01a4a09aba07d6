# PyTorch reference for e2e/fixtures/xor-by-hand.ipynb: the study notes' XOR network trained by hand (seeds/004),
# run as the notes run it; writes the initial weights (so Gradbook can start from the same numbers), the cost printed
# every 100 steps and the final accuracy. Run: /usr/bin/python3 scripts/torch_xor_by_hand_fixture.py
import json
import os

import torch

device = "cpu"
torch.manual_seed(777)
X = torch.FloatTensor([[0, 0], [0, 1], [1, 0], [1, 1]]).to(device)
Y = torch.FloatTensor([[0], [1], [1], [0]]).to(device)
w1 = torch.Tensor(2, 2).to(device)
b1 = torch.Tensor(2).to(device)
w2 = torch.Tensor(2, 1).to(device)
b2 = torch.Tensor(1).to(device)
torch.nn.init.normal_(w1)
torch.nn.init.normal_(b1)
torch.nn.init.normal_(w2)
torch.nn.init.normal_(b2)
init = {"w1": w1.tolist(), "b1": b1.tolist(), "w2": w2.tolist(), "b2": b2.tolist()}


def sigmoid(x):
    return 1.0 / (1.0 + torch.exp(-x))


def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))


learning_rate = 1
costs = []
for step in range(10001):
    l1 = torch.add(torch.matmul(X, w1), b1)
    a1 = sigmoid(l1)
    l2 = torch.add(torch.matmul(a1, w2), b2)
    y_pred = sigmoid(l2)
    cost = -torch.mean(Y * torch.log(y_pred) + (1 - Y) * torch.log(1 - y_pred))
    d_y_pred = (y_pred - Y) / (y_pred * (1.0 - y_pred) + 1e-7)
    d_l2 = d_y_pred * sigmoid_prime(l2)
    d_b2 = d_l2
    d_w2 = torch.matmul(torch.transpose(a1, 0, 1), d_b2)
    d_a1 = torch.matmul(d_b2, torch.transpose(w2, 0, 1))
    d_l1 = d_a1 * sigmoid_prime(l1)
    d_b1 = d_l1
    d_w1 = torch.matmul(torch.transpose(X, 0, 1), d_b1)
    w1 = w1 - learning_rate * d_w1
    b1 = b1 - learning_rate * torch.mean(d_b1, 0)
    w2 = w2 - learning_rate * d_w2
    b2 = b2 - learning_rate * torch.mean(d_b2, 0)
    if step % 100 == 0:
        costs.append([step, cost.item()])

l1 = torch.add(torch.matmul(X, w1), b1)
a1 = sigmoid(l1)
l2 = torch.add(torch.matmul(a1, w2), b2)
y_pred = sigmoid(l2)
predicted = (y_pred > 0.5).float()
accuracy = (predicted == Y).float().mean()

out = {"torch": torch.__version__, "init": init, "costs": costs, "hypothesis": y_pred.tolist(), "accuracy": accuracy.item()}
path = os.path.join(os.path.dirname(__file__), "..", "e2e", "fixtures", "xor-by-hand.torch.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.normpath(path), "accuracy", accuracy.item(), "first/last cost", costs[0][1], costs[-1][1])
