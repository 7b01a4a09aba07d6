// The tutorial registry: id → notebook file (imported as text). The first entry opens by default.
import tensorsAutograd from "./tensors-autograd.ipynb?raw";
import firstNetwork from "./first-network.ipynb?raw";
import lossFunctions from "./loss-functions.ipynb?raw";
import optimizers from "./optimizers.ipynb?raw";
import perceptronXor from "./perceptron-xor.ipynb?raw";
import mnistSoftmax from "./mnist-softmax.ipynb?raw";
import mnistMlp from "./mnist-mlp.ipynb?raw";
import mnistCnn from "./mnist-cnn.ipynb?raw";
import overfitting from "./overfitting.ipynb?raw";
import autoencoder from "./autoencoder.ipynb?raw";
import tfidfText from "./tfidf-text.ipynb?raw";
import qLearning from "./q-learning.ipynb?raw";

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
  {
    id: "mnist-mlp",
    title: "MNIST multi-layer perceptron · MNIST 다층 퍼셉트론",
    titles: { en: "MNIST multi-layer perceptron", ko: "MNIST 다층 퍼셉트론" },
    fileName: "mnist-mlp.ipynb",
    source: mnistMlp,
  },
  {
    id: "mnist-cnn",
    title: "A CNN on MNIST · MNIST 합성곱 신경망 (CNN)",
    titles: { en: "A CNN on MNIST", ko: "MNIST 합성곱 신경망 (CNN)" },
    fileName: "mnist-cnn.ipynb",
    source: mnistCnn,
  },
  {
    id: "overfitting",
    title: "Overfitting and the tools against it · 과적합과 그 대책",
    titles: { en: "Overfitting and the tools against it", ko: "과적합과 그 대책" },
    fileName: "overfitting.ipynb",
    source: overfitting,
  },
  {
    id: "autoencoder",
    title: "Autoencoder and pre-training · 오토인코더와 사전학습",
    titles: { en: "Autoencoder and pre-training", ko: "오토인코더와 사전학습" },
    fileName: "autoencoder.ipynb",
    source: autoencoder,
  },
  {
    id: "tfidf-text",
    title: "Text classification with TF-IDF · TF-IDF로 문장 분류하기",
    titles: { en: "Text classification with TF-IDF", ko: "TF-IDF로 문장 분류하기" },
    fileName: "tfidf-text.ipynb",
    source: tfidfText,
  },
  {
    id: "q-learning",
    title: "Q-learning on FrozenLake · FrozenLake로 배우는 Q-러닝",
    titles: { en: "Q-learning on FrozenLake", ko: "FrozenLake로 배우는 Q-러닝" },
    fileName: "q-learning.ipynb",
    source: qLearning,
  },
];
