"""FastAPI dependencies: the objects built once in ``lifespan`` and shared by every request."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from checker.engine import Engine

from .dispatcher import Dispatcher
from .settings import ApiSettings
from .store import JobStore


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine  # app.state is untyped
    return engine


def get_store(request: Request) -> JobStore:
    store: JobStore = request.app.state.store  # app.state is untyped
    return store


def get_dispatcher(request: Request) -> Dispatcher:
    dispatcher: Dispatcher = request.app.state.dispatcher  # app.state is untyped
    return dispatcher


def get_settings(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.settings  # app.state is untyped
    return settings


EngineDep = Annotated[Engine, Depends(get_engine)]
StoreDep = Annotated[JobStore, Depends(get_store)]
DispatcherDep = Annotated[Dispatcher, Depends(get_dispatcher)]
SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
