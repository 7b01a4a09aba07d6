// The tutorial registry: id → notebook file (imported as text). The first entry opens by default.
import tensorsAutograd from "./tensors-autograd.ipynb?raw";
import firstNetwork from "./first-network.ipynb?raw";
import lossFunctions from "./loss-functions.ipynb?raw";
import optimizers from "./optimizers.ipynb?raw";
import perceptronXor from "./perceptron-xor.ipynb?raw";
import mnistSoftmax from "./mnist-softmax.ipynb?raw";

export interface Tutorial {
  /** What `?notebook=<id>` names. */
  id: string;
  title: string;
  /** The title in each UI language, for the notebook list and the header (else `title`). */
  titles?: { en: string; ko: string };
  fileName: string;
  /** The .ipynb file's text. */
  source: string;
}

export const tutorials: readonly Tutorial[] = [
  {
    id: "tensors-autograd",
    title: "Tensors and autograd · 텐서와 자동 미분",
    titles: { en: "Tensors and autograd", ko: "텐서와 자동 미분" },
    fileName: "tensors-autograd.ipynb",
    source: tensorsAutograd,
  },
  {
    id: "first-network",
    title: "Your first network · 첫 신경망 만들기",
    titles: { en: "Your first network", ko: "첫 신경망 만들기" },
    fileName: "first-network.ipynb",
    source: firstNetwork,
  },
  {
    id: "loss-functions",
    title: "Loss functions · 손실 함수",
    titles: { en: "Loss functions", ko: "손실 함수" },
    fileName: "loss-functions.ipynb",
    source: lossFunctions,
  },
  {
    id: "optimizers",
    title: "Optimizers · 옵티마이저",
    titles: { en: "Optimizers", ko: "옵티마이저" },
    fileName: "optimizers.ipynb",
    source: optimizers,
  },
  {
    id: "perceptron-xor",
    title: "Perceptron and XOR · 퍼셉트론과 XOR",
    titles: { en: "Perceptron and XOR", ko: "퍼셉트론과 XOR" },
    fileName: "perceptron-xor.ipynb",
    source: perceptronXor,
  },
  {
    id: "mnist-softmax",
    title: "MNIST softmax regression · MNIST 소프트맥스 회귀",
    titles: { en: "MNIST softmax regression", ko: "MNIST 소프트맥스 회귀" },
    fileName: "mnist-softmax.ipynb",
    source: mnistSoftmax,
  },
];
