// torch.utils.data and torchvision's datasets/transforms.
export { Dataset, TensorDataset, Subset, randomSplit } from "./dataset";
export { DataLoader, collate, type DataLoaderOptions, type Collated } from "./dataloader";
export { MNIST, MNISTDataset, configureMnist, type MNISTOptions } from "./mnist";
export { datasets } from "./datasets";
export { TextCorpus, TextCorpusDataset, type TextCorpusOptions } from "./text-corpus";
export { transforms, ToTensor, Normalize, Compose, type Transform } from "./transforms";
