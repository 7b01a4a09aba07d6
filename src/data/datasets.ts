// The `datasets` namespace a cell sees (torchvision.datasets and friends): MNIST and the built-in TextCorpus.
import { MNIST } from "./mnist";
import { TextCorpus } from "./text-corpus";

export const datasets = { MNIST, TextCorpus };
