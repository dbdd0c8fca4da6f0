# How the scikit-learn figures pinned in tests/unit/pipeline were measured (Debian python3-sklearn 1.2).
# Run from the repository root: /usr/bin/python3 tests/reference/pipeline-references.py
import json, csv, numpy as np
from sklearn.cluster import KMeans
try:
    from hdbscan import HDBSCAN
except ImportError:
    HDBSCAN = None
from sklearn.manifold import TSNE
from sklearn.metrics import adjusted_rand_score as ari
rows = json.load(open('assets/datasets/penguins.json'))
F = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)']
rows = [r for r in rows if all(r.get(c) is not None for c in F)]
X = np.array([[r[c] for c in F] for r in rows], float); y = [r['Species'] for r in rows]
Z = (X - X.mean(0)) / X.std(0)
print('penguins n', len(rows))
print('kmeans3', [round(ari(y, KMeans(3, n_init=10, random_state=s).fit_predict(Z)),3) for s in range(3)])
if HDBSCAN: print('hdbscan features default', round(ari(y, HDBSCAN().fit_predict(Z)),3))
if HDBSCAN: print('hdbscan features mcs=9', round(ari(y, HDBSCAN(min_cluster_size=9).fit_predict(Z)),3))
ir = list(csv.DictReader(open('assets/datasets/iris.csv')))
Xi = np.array([[float(r[c]) for c in ['sepal_length','sepal_width','petal_length','petal_width']] for r in ir]); yi = [r['species'] for r in ir]
Zi = (Xi - Xi.mean(0)) / Xi.std(0)
print('iris kmeans3 z', round(ari(yi, KMeans(3, n_init=10, random_state=0).fit_predict(Zi)),3))
E = TSNE(3, random_state=0, init='pca').fit_transform(Zi)
print('iris tsne3 + kmeans3', [round(ari(yi, KMeans(3, n_init=10, random_state=s).fit_predict(E)),3) for s in range(3)])
Ep = TSNE(3, random_state=0, init='pca').fit_transform(Z)
if HDBSCAN: print('penguins tsne3 + hdbscan', round(ari(y, HDBSCAN(min_cluster_size=9).fit_predict(Ep)),3))
