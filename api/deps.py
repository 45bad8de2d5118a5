"""FastAPI dependencies: the objects built once in ``lifespan`` and shared by every request."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from checker.engine import Engine

from .dispatcher import Dispatcher
from .settings import ApiSettings
from .store import JobStore


def get_engine(request: Request) -> Engine:
    return request.app.state.engine


def get_store(request: Request) -> JobStore:
    return request.app.state.store


def get_dispatcher(request: Request) -> Dispatcher:
    return request.app.state.dispatcher


def get_settings(request: Request) -> ApiSettings:
    return request.app.state.settings


EngineDep = Annotated[Engine, Depends(get_engine)]
StoreDep = Annotated[JobStore, Depends(get_store)]
DispatcherDep = Annotated[Dispatcher, Depends(get_dispatcher)]
SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
