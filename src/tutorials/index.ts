// The tutorial registry: id → notebook file (imported as text). The first entry opens by default.
import mnistSoftmax from "./mnist-softmax.ipynb?raw";

export interface Tutorial {
  /** What `?notebook=<id>` names. */
  id: string;
  title: string;
  fileName: string;
  /** The .ipynb file's text. */
  source: string;
}

export const tutorials: readonly Tutorial[] = [
  { id: "mnist-softmax", title: "MNIST softmax regression · MNIST 소프트맥스 회귀", fileName: "mnist-softmax.ipynb", source: mnistSoftmax },
];
