import { App } from 'aws-cdk-lib'
import { defineApp } from './define-app.js'

defineApp(new App())
